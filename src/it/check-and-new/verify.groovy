def log = new File(basedir, 'build.log').text
def migrations = new File(basedir, 'src/main/resources/db/migration')

// new: the next integer version, a name Flyway accepts, the path printed
def created = new File(migrations, 'V3__add_stock_to_products.sql')
assert created.isFile()
assert log.contains("Created ${created.canonicalPath}") || log.contains("Created ${created.absolutePath}")

// check -Dmigrate.check.update: the lock file beside the migrations, with each versioned migration
def lock = new File(migrations, 'migrations.lock')
assert lock.isFile()
['V1__create_users.sql', 'V2__index_users.sql', 'V3__add_stock_to_products.sql'].each { assert lock.text.contains(it) }

// check on the development database after upgrade: validated and compared, nothing found
assert log.contains('no drift')
assert log.contains('migrate:check: 0 errors, 0 warnings')

// a duplicate version fails the build with one line naming both files, and the reports hold it
assert log =~ /\[ERROR\] ERROR \[duplicate-version\] .*V2__same_version_again\.sql/
assert log.contains('migrate:check found 1 error')
def sarif = new File(basedir, 'target/migrate/check.sarif').text
assert sarif.contains('"ruleId" : "duplicate-version"')
assert new File(basedir, 'target/migrate/check.json').text.contains('"errors" : 1')
