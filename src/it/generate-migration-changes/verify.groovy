def log = new File(basedir, 'build.log').text
def generated = new File(basedir, 'target/generated-sources/jooq/it/migrate/db')

// the second build sees the new migration and removes the dropped table's classes
assert log.contains('Generating jOOQ classes: migrations changed')
// only the new migration is applied to the schema cached by the first build
assert log =~ /Migrated the cached schema codegen_generate_migration_changes_[0-9a-f]{8} \(PostgreSQL 17\.6\.0\) to version 3: 1 migration in/
assert log =~ /Generated jOOQ classes in target\/generated-sources\/jooq: \d+ files, \d+ written, 2 removed/
assert !new File(generated, 'tables/Orders.java').exists()
assert !new File(generated, 'tables/records/OrdersRecord.java').exists()

// the third build applies a migration that adds rows only: jOOQ does not run, the classes stay
assert log =~ /to version 4: 1 migration in/
assert log =~ /jOOQ classes are up to date: the migrations changed nothing jOOQ reads \(catalog [0-9a-f]{12} compared in \d+ ms\)/
assert log.count('Generated jOOQ classes') == 2

// the fourth build fails on the broken migration and leaves the classes of the second one
assert log.contains('Migration V4__broken.sql failed at line 2 (SQLSTATE 42601)')
assert new File(generated, 'tables/Users.java').isFile()
assert !new File(generated, 'tables/Users.java').text.contains('NAME')
assert new File(basedir, 'target/migrate/codegen-it.migrate.db.fingerprint').isFile()
assert !new File(basedir, 'target/generated-sources').list().any { it.contains('staging') }
// no temporary file is left behind: only the fingerprint and the migrations' remembered digests
assert new File(basedir, 'target/migrate').list().findAll { !it.startsWith('codegen-postgres-') }.sort() ==
        ['codegen-it.migrate.db.fingerprint', 'codegen-it.migrate.db.fingerprint.digests']
// the failed build left its cached schema unmarked, so the next build would migrate it from scratch
