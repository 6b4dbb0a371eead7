def log = new File(basedir, 'build.log').text
def count = { String text -> log.split(java.util.regex.Pattern.quote(text), -1).length - 1 }

// first build: forced, generated on the embedded server and stored in the shared cache
assert count('Generating jOOQ classes: forced') == 1
assert count('Started the embedded PostgreSQL') == 1
// second build, after mvn clean: restored from the cache, no server started, no migration applied
assert log =~ /Restored jOOQ classes from the shared cache \(key [0-9a-f]{12}\): \d+ files, \d+ written, 0 removed \(\d+ ms\), no database needed/
assert count('Generated jOOQ classes in') == 1
assert count('Migrated ') == 1
assert count('BUILD SUCCESS') == 2

def generated = new File(basedir, 'target/generated-sources/jooq/it/migrate/db/tables/SharedCacheEntries.java')
assert generated.isFile()
assert new File(basedir, 'target/migrate/codegen-it.migrate.db.fingerprint').isFile()
def entries = new File(localRepositoryPath, '.cache/migrate-maven-plugin/generated').listFiles().findAll { !it.name.startsWith('.') }
assert entries.any { new File(it, 'files/it/migrate/db/tables/SharedCacheEntries.java').isFile() }
