def log = new File(basedir, 'build.log').text
def count = { String text -> log.split(java.util.regex.Pattern.quote(text), -1).length - 1 }

// first build: each execution generates its package
assert count('Generating jOOQ classes: no fingerprint of an earlier generation') == 2
assert count('Generated jOOQ classes in target/generated-sources/jooq:') == 2
// second build: each finds its own fingerprint, so neither generates over the other's
assert (log =~ /jOOQ classes are up to date \(fingerprint [0-9a-f]{12}, checked in \d+ ms\), nothing to generate/).size() == 2
assert count('BUILD SUCCESS') == 2

assert new File(basedir, 'target/migrate/codegen-it.migrate.db.fingerprint').isFile()
assert new File(basedir, 'target/migrate/codegen-it.migrate.users.fingerprint').isFile()
def users = new File(basedir, 'target/generated-sources/jooq/it/migrate/users')
assert new File(users, 'tables/Users.java').isFile()
assert !new File(users, 'tables/Orders.java').exists()
assert new File(basedir, 'target/generated-sources/jooq/it/migrate/db/tables/Orders.java').isFile()
assert new File(basedir, 'target/classes/it/app/Queries.class').isFile()
