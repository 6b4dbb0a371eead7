def log = new File(basedir, 'build.log').text
def script = new File(basedir, 'target/migrate/offline-sql-release-1.0-upgrade-empty-2.sql')
def first = new File(basedir, 'first-build.sql')
def installed = new File(localRepositoryPath, 'it/migrate/offline-sql-release/1.0/offline-sql-release-1.0-upgrade.sql')

assert log =~ /Rendered the upgrade from empty to 2: 3 migrations in \d+ ms/
assert log.contains('(attached as offline-sql-release:sql:upgrade)')
assert script.isFile()
// two builds of the same sources: the same bytes
assert first.bytes == script.bytes
// attached: install put it into the repository beside the project's POM
assert installed.isFile()
assert installed.bytes == script.bytes

def text = script.text
assert text =~ /^-- Upgrade script written by migrate-maven-plugin \S+ with Flyway 13\.12\.0\n/
assert text.contains('-- NOT IN A TRANSACTION: Flyway runs this migration outside one (line 1: CREATE INDEX CONCURRENTLY')
assert text.contains('CREATE OR REPLACE VIEW acme_users')
// no temporary file left behind
assert new File(basedir, 'target/migrate').list().findAll { it.endsWith('.tmp') || it.startsWith('throwaway-') }.isEmpty()

// -Dmigrate.output=- prints the script instead of writing it
assert log.contains('Flyway resolves the migrations on a throwaway PostgreSQL 17')
assert log.contains('-- From: version 1\n-- To:   version 2 (1 versioned, 1 repeatable migrations)')
assert !new File(basedir, 'target/migrate/offline-sql-release-1.0-upgrade-1-2.sql').exists()
