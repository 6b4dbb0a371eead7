def log = new File(basedir, 'build.log').text
def count = { String text -> log.split(java.util.regex.Pattern.quote(text), -1).length - 1 }

assert count('Generating jOOQ classes: no fingerprint of an earlier generation') == 1
assert log =~ /jOOQ classes are up to date \(fingerprint [0-9a-f]{12}, checked in \d+ ms\), nothing to generate/
assert count('BUILD SUCCESS') == 2
// the history table named in <flyway> is not generated
def generated = new File(basedir, 'target/generated-sources/jooq/it/app/db')
assert new File(generated, 'tables/Users.java').isFile()
assert !new File(generated, 'tables/AppHistory.java').exists()

// the class-load log of the second build, the up-to-date one (each build's JVM rewrites it)
def loaded = new File(basedir, 'class-load.txt').readLines()
        .collect { line -> (line =~ /\[class,load\] (\S+)/).with { it.find() ? it.group(1) : null } }
        .findAll { it != null }
assert loaded.contains('dev.migrate.codegen.CodegenWorkflow') : 'the log is the one of a build that ran the check'
def unneeded = loaded.findAll { name ->
    name.startsWith('org.flywaydb.') || name.startsWith('org.postgresql.') || name.startsWith('io.zonky.')
            || name.startsWith('com.fasterxml.') || name.startsWith('dev.migrate.embedded.EmbeddedServer')
            // not even jOOQ's configuration: <generator> is XML text until jOOQ generates
            || name.startsWith('org.jooq.')
            // nor the project's compile class path: Maven's resolver request is the first class either would load
            || name == 'org.apache.maven.project.DefaultDependencyResolutionRequest'
}
assert unneeded.isEmpty() : 'the up-to-date build loaded ' + unneeded.size() + ' classes it does not need: ' + unneeded
