package dev.migrate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One Maven project of the benchmark: the same migrations, the same jOOQ {@code <generator>} and the same compiled
 * code, built either by the peer (flyway-maven-plugin + jooq-codegen-maven against a running server) or by this
 * plugin ({@code migrate:generate} on its own embedded throwaway database).
 */
record BenchProject(Path directory) {

    static final String FLYWAY_VERSION = "13.12.0";
    /** The newest flyway-maven-plugin on Maven Central (there is no 13.12.0); it runs Flyway 13.12.0, see below. */
    static final String FLYWAY_PLUGIN_VERSION = "13.6.0";

    static final String JACKSON_TOML_VERSION = "3.2.0";
    static final String JOOQ_VERSION = "3.19.38";
    static final String JDBC_VERSION = "42.7.8";

    /** jOOQ's own configuration, given verbatim to jooq-codegen-maven and to this plugin. */
    private static final String GENERATOR = """
            <generator>
              <database>
                <name>org.jooq.meta.postgres.PostgresDatabase</name>
                <inputSchema>public</inputSchema>
                <excludes>flyway_schema_history</excludes>
              </database>
              <target>
                <packageName>bench.db</packageName>
                <directory>${project.build.directory}/generated-sources/jooq</directory>
              </target>
            </generator>""";

    Path migrations() {
        return directory.resolve("src/main/resources/db/migration");
    }

    /** The peer: Flyway's and jOOQ's own Maven plugins, both bound to generate-sources, on a running server. */
    static BenchProject peer(Path directory, String jdbcUrl) {
        String jdbcDriver = dependency("org.postgresql", "postgresql", JDBC_VERSION);
        String plugins = """
                <plugin>
                  <groupId>org.flywaydb</groupId>
                  <artifactId>flyway-maven-plugin</artifactId>
                  <version>%s</version>
                %s
                  <configuration>
                    <url>%s</url>
                    <user>postgres</user>
                    <locations><location>filesystem:src/main/resources/db/migration</location></locations>
                    <cleanDisabled>true</cleanDisabled>
                  </configuration>
                  <dependencies>
                    <!-- the same Flyway as this plugin's, instead of the one the Maven plugin comes with -->
                %s
                %s
                    <!-- the plugin's own jackson-dataformat-toml 3.1.6 is not on Maven Central -->
                %s
                %s
                  </dependencies>
                </plugin>
                <plugin>
                  <groupId>org.jooq</groupId>
                  <artifactId>jooq-codegen-maven</artifactId>
                  <version>%s</version>
                %s
                  <configuration>
                    <jdbc>
                      <driver>org.postgresql.Driver</driver>
                      <url>%s</url>
                      <user>postgres</user>
                    </jdbc>
                %s
                  </configuration>
                  <dependencies>
                %s
                  </dependencies>
                </plugin>""".formatted(
                        FLYWAY_PLUGIN_VERSION,
                        execution("migrate", "migrate"),
                        jdbcUrl,
                        dependency("org.flywaydb", "flyway-core", FLYWAY_VERSION),
                        dependency("org.flywaydb", "flyway-database-postgresql", FLYWAY_VERSION),
                        dependency("tools.jackson.dataformat", "jackson-dataformat-toml", JACKSON_TOML_VERSION),
                        jdbcDriver,
                        JOOQ_VERSION,
                        execution("jooq-codegen", "generate"),
                        jdbcUrl,
                        generator(),
                        jdbcDriver);
        // Flyway's default transactional PostgreSQL lock makes CREATE INDEX CONCURRENTLY wait forever (Marquez V47)
        String properties = "<flyway.postgresql.transactional.lock>false</flyway.postgresql.transactional.lock>";
        return write(directory, "peer", properties, plugins);
    }

    /**
     * This plugin: {@code migrate:generate} bound to generate-sources when the installed plugin has that goal; without
     * it, the project still serves the goals invoked from the command line (upgrade, offline-sql).
     */
    static BenchProject plugin(Path directory, String pluginVersion, boolean bindGenerate) {
        String plugins =
                """
                <plugin>
                  <groupId>dev.migrate</groupId>
                  <artifactId>migrate-maven-plugin</artifactId>
                  <version>%s</version>
                %s
                  <configuration>
                    <locations><location>filesystem:src/main/resources/db/migration</location></locations>
                %s
                  </configuration>
                </plugin>""".formatted(pluginVersion, bindGenerate ? execution("generate", "generate") : "", generator());
        return write(directory, "plugin", "", plugins);
    }

    private static String execution(String id, String goal) {
        return """
                <executions>
                  <execution>
                    <id>%s</id>
                    <phase>generate-sources</phase>
                    <goals><goal>%s</goal></goals>
                  </execution>
                </executions>""".formatted(id, goal).indent(2).stripTrailing();
    }

    private static String dependency(String groupId, String artifactId, String version) {
        return """
                <dependency>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <version>%s</version>
                </dependency>""".formatted(groupId, artifactId, version).indent(4).stripTrailing();
    }

    private static BenchProject write(Path directory, String artifactId, String properties, String plugins) {
        String pom = """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>bench</groupId>
                  <artifactId>%s</artifactId>
                  <version>1.0</version>
                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <maven.compiler.release>17</maven.compiler.release>
                    %s
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>org.jooq</groupId>
                      <artifactId>jooq</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                  <build>
                    <pluginManagement>
                      <plugins>
                        <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                        <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                      </plugins>
                    </pluginManagement>
                    <plugins>
                %s
                    </plugins>
                  </build>
                </project>
                """.formatted(
                        artifactId, properties, JOOQ_VERSION, plugins.indent(6).stripTrailing());
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("pom.xml"), pom);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BenchProject(directory);
    }

    private static String generator() {
        return GENERATOR.indent(4).stripTrailing();
    }
}
