def log = new File(basedir, 'build.log').text

assert log.contains('Cannot resolve the compile dependencies of it.migrate:generate-unresolvable-dependency:jar:1.0')
assert log.contains('it.migrate:no-such-artifact:jar:1.0')
assert log.contains("Check the dependencies' coordinates, the network or the repositories in settings.xml.")
assert log.contains('BUILD FAILURE')
// it fails before any database work: the class path is resolved before the embedded server starts
assert !log.contains('Started the embedded PostgreSQL')
// nothing generated, no fingerprint recorded: the next build tries again
assert !new File(basedir, 'target/generated-sources/jooq').exists() || new File(basedir, 'target/generated-sources/jooq').list().length == 0
assert !new File(basedir, 'target/migrate/codegen-it.migrate.db.fingerprint').exists()
