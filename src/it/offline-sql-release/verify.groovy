def log = new File(basedir, 'build.log').text
def deployed = new File(basedir, 'release-repository/it/migrate/offline-sql-release/1.0')
def fromEmpty = new File(deployed, 'offline-sql-release-1.0-upgrade-empty-2.sql')
def fromOne = new File(deployed, 'offline-sql-release-1.0-upgrade-1-2.sql')
def rendered = new File(basedir, 'target/migrate/offline-sql-release-1.0-upgrade-empty-2.sql')

// the jOOQ classes are generated once: -Prelease configures its executions only, so no switch regenerates
assert log.count('Generating jOOQ classes:') == 1
assert log.count('jOOQ classes are up to date') == 3

// both ranges are deployed, each under the name docs/offline-sql.md gives
assert log =~ /Rendered the upgrade from empty to 2: 3 migrations in \d+ ms/
assert log =~ /Rendered the upgrade from 1 to 2: 2 migrations in \d+ ms/
assert log.contains('(attached as offline-sql-release:sql:upgrade-empty-2)')
assert log.contains('(attached as offline-sql-release:sql:upgrade-1-2)')
assert fromEmpty.isFile()
assert fromOne.isFile()
assert deployed.list().findAll { it.endsWith('.sql') }.sort() == [fromOne.name, fromEmpty.name].sort()
// two builds of the same sources: the same bytes
assert rendered.bytes == fromEmpty.bytes

def text = fromEmpty.text
assert text =~ /^-- Upgrade script written by migrate-maven-plugin \S+ with Flyway 13\.12\.0\n/
assert text.contains('-- NOT IN A TRANSACTION: Flyway runs this migration outside one (line 1: CREATE INDEX CONCURRENTLY')
assert text.contains('CREATE OR REPLACE VIEW acme_users')
assert fromOne.text.contains('-- From: version 1\n-- To:   version 2 (1 versioned, 1 repeatable migrations)')
// no temporary file left behind
assert new File(basedir, 'target/migrate').list().findAll { it.endsWith('.tmp') || it.startsWith('throwaway-') }.isEmpty()
