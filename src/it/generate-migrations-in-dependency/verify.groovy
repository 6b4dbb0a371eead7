def log = new File(basedir, 'build.log').text
def count = { String text -> log.split(java.util.regex.Pattern.quote(text), -1).length - 1 }

// first build: the schema module's migration, found on the app's class path, generated and compiled
assert log =~ /Migrated the cached schema codegen_app_[0-9a-f]{8} \(PostgreSQL 17\.6\.0\) to version 1: 1 migration /
assert new File(basedir, 'app/target/generated-sources/jooq/it/app/db/tables/Orders.java').isFile()
assert new File(basedir, 'app/target/classes/it/app/db/tables/Orders.class').isFile()

// second build: the location is read through the resolved class path again, and nothing changed
assert count('jOOQ classes are up to date') == 1
assert count('BUILD SUCCESS') == 2
