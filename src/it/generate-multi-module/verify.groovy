def log = new File(basedir, 'build.log').text
def count = { String text -> log.split(java.util.regex.Pattern.quote(text), -1).length - 1 }
def cluster = new File(basedir, 'target/migrate/codegen-postgres-17.6.0')

// first build: one embedded server, under the top-level project, for both modules
assert count('Started the embedded PostgreSQL 17.6.0 for the jOOQ classes of this build') == 1
assert log.contains(cluster.path)
assert log =~ /Migrated the cached schema codegen_module_a_[0-9a-f]{8} \(PostgreSQL 17\.6\.0\) to version 2: 2 migrations/
assert log =~ /Migrated the cached schema codegen_module_b_[0-9a-f]{8} \(PostgreSQL 17\.6\.0\) to version 1: 1 migration /
assert new File(basedir, 'module-a/target/generated-sources/jooq/it/migrate/db/tables/Users.java').isFile()
assert new File(basedir, 'module-b/target/generated-sources/jooq/it/migrate/db/tables/Products.java').isFile()
assert !new File(basedir, 'module-a/target/generated-sources/jooq/it/migrate/db/tables/Products.java').exists()

// second build: both modules up to date, no server started
assert count('jOOQ classes are up to date') == 2
assert count('BUILD SUCCESS') == 2

// the server stopped with the build, and kept its cluster for the next one
assert new File(cluster, 'PG_VERSION').isFile()
assert !new File(cluster, 'postmaster.pid').exists()
