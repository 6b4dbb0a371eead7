def log = new File(basedir, 'build.log').text
def generated = new File(basedir, 'target/generated-sources/jooq/it/migrate/db')

assert log =~ /Migrated the cached schema codegen_\w+ \(PostgreSQL 17\.6\.0\) to version 2: 2 migrations/
assert new File(generated, 'enums/MpaaRating.java').isFile()
assert new File(generated, 'tables/Payment.java').isFile()
assert new File(generated, 'tables/RentalByCategory.java').isFile()
assert new File(basedir, 'target/classes/it/migrate/db/tables/Payment.class').isFile()
assert new File(basedir, 'target/classes/it/migrate/db/enums/MpaaRating.class').isFile()
// domains, including the one with a non-ASCII name, and routines
assert new File(generated, 'Domains.java').getText('UTF-8').contains('DSL.name("bıgınt")')
assert new File(generated, 'Routines.java').isFile()
