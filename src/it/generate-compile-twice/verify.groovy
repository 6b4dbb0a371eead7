def log = new File(basedir, 'build.log').text
def count = { String text -> log.split(java.util.regex.Pattern.quote(text), -1).length - 1 }

// first build: the build's embedded server, this module's cached schema migrated and generated from
assert count('Generating jOOQ classes: no fingerprint of an earlier generation') == 1
assert log =~ /Migrated the cached schema codegen_generate_compile_twice_[0-9a-f]{8} \(PostgreSQL 17\.6\.0\) to version 2: 2 migrations in \d+ ms/
assert log =~ /Generated jOOQ classes in generated: \d+ files, \d+ written, 0 removed \(\d+ ms\)/
// second build: up to date, and no database started
assert log =~ /jOOQ classes are up to date \(fingerprint [0-9a-f]{12}, checked in \d+ ms\), nothing to generate/
assert count('Migrated the cached schema') == 1
assert count('Started the embedded PostgreSQL') == 1
assert count('Generated jOOQ classes in') == 1
// third build, after mvn clean: skipped with one line; the compiler still compiles against the generated classes
assert log.contains('Skipping migrate:generate (migrate.generate.skip is true)')
assert count('BUILD SUCCESS') == 3
assert log =~ /(?s)Skipping migrate:generate.*Compiling 14 source files/

// jOOQ's own INFO chatter (banner, one line per table) stays out of a normal build
assert !log.contains('Thank you for using jOOQ')
assert !log.contains('Generating table')

def generated = new File(basedir, 'generated/it/migrate/db')
assert new File(generated, 'tables/Users.java').isFile()
assert new File(generated, 'enums/UserStatus.java').isFile()
assert !new File(generated, 'tables/FlywaySchemaHistory.java').exists()
assert new File(basedir, 'target/classes/it/app/Queries.class').isFile()
// no timestamps in generated code
assert !new File(generated, 'tables/Users.java').text.contains('date =')
