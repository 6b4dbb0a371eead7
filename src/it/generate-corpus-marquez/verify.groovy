def log = new File(basedir, 'build.log').text
def generated = new File(basedir, 'target/generated-sources/jooq/it/migrate/db')

assert log =~ /Migrated the cached schema codegen_\w+ \(PostgreSQL 17\.6\.0\) to version 74: 84 migrations/
assert log =~ /Generated jOOQ classes in target\/generated-sources\/jooq: \d+ files, \d+ written, 0 removed/
assert log =~ /jOOQ classes are up to date \(fingerprint [0-9a-f]{12}, checked in \d+ ms\), nothing to generate/
assert new File(generated, 'tables/LineageEvents.java').isFile()
assert new File(generated, 'tables/DatasetsView.java').isFile()
assert new File(basedir, 'target/classes/it/migrate/db/tables/LineageEvents.class').isFile()
