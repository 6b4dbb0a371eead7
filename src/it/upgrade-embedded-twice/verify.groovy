def log = new File(basedir, 'build.log').text

assert log.contains('Using the embedded development database (PostgreSQL 17.6.0, created in')
assert log.contains('Using the embedded development database (PostgreSQL 17.6.0, kept in')
assert log =~ /reachable while the goal runs at jdbc:postgresql:\/\/localhost:\d+\/postgres\?user=postgres/
assert log =~ /1  create users  \[V1__create_users.sql\] \(\d+ ms\)/
assert log =~ /Upgraded the embedded development database from empty to 2: 2 migrations in \d+ ms/
assert log.contains('Upgraded the embedded development database: already up to date at version 2, no migration to apply')
assert log.contains('Current version: 2; pending migrations: 0')
assert new File(basedir, 'target/migrate/devdb/PG_VERSION').isFile()
// the server is stopped after each goal
assert !new File(basedir, 'target/migrate/devdb/postmaster.pid').exists()
