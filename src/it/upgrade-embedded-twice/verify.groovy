def log = new File(basedir, 'build.log').text

assert log.contains('Using the embedded development database (PostgreSQL 17.6.0, created in')
assert log.contains('Using the embedded development database (PostgreSQL 17.6.0, kept in')
assert log =~ /reachable while the goal runs at jdbc:postgresql:\/\/localhost:(\d+)\/postgres\?user=postgres with the password in \S+\/target\/migrate\/devdb\/migrate.pgpass \(psql: PGPASSFILE=\S+\/target\/migrate\/devdb\/migrate.pgpass psql -h localhost -p \1 -U postgres\)/
// only the user who ran the build can read the password, and the build log never holds it
def passwordFile = new File(basedir, 'target/migrate/devdb/migrate.pgpass')
assert java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(passwordFile.toPath())) == 'rw-------'
def password = passwordFile.text.trim().tokenize(':').last()
assert !log.contains(password)
assert log =~ /1  create users  \[V1__create_users.sql\] \(\d+ ms\)/
assert log =~ /Upgraded the embedded development database from empty to 2: 2 migrations in \d+ ms/
assert log.contains('Upgraded the embedded development database: already up to date at version 2, no migration to apply')
assert log.contains('Current version: 2; pending migrations: 0')
assert new File(basedir, 'target/migrate/devdb/PG_VERSION').isFile()
// the server is stopped after each goal
assert !new File(basedir, 'target/migrate/devdb/postmaster.pid').exists()
// the first upgrade regenerates the jOOQ classes from the migrated database; the second applies nothing and finds them up to date
assert log =~ /Generated jOOQ classes in target\/generated-sources\/jooq: \d+ files, \d+ written, 0 removed/
assert log =~ /jOOQ classes are up to date \(fingerprint [0-9a-f]{12}, checked in \d+ ms\), nothing to generate/
assert new File(basedir, 'target/generated-sources/jooq/it/migrate/db/tables/Users.java').isFile()
