def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] Skipping migrate:upgrade (migrate.skip is true)')
assert log.contains('[INFO] Skipping migrate:info (migrate.skip is true)')
assert !new File(basedir, 'target/migrate').exists()

// a typo is named, with the property meant, once for the whole build
def typo = '[WARNING] -Dmigrate.tagret is not a property of migrate-maven-plugin and is ignored; did you mean migrate.target?'
assert log.count(typo) == 1
// a property of another goal, given to goals typed on the command line
assert log.contains('[WARNING] -Dmigrate.from is ignored by migrate:upgrade; it is read by migrate:offline-sql')
assert log.contains('[WARNING] -Dmigrate.from is ignored by migrate:info; it is read by migrate:offline-sql')
// map entries take any name
assert !log.contains('migrate.flyway.outOfOrder')

// a POM parameter that means something else to a goal: named once, with the one meant
def misplaced = '[WARNING] <target> means nothing to migrate:offline-sql and is ignored; use <to> (-Dmigrate.to) there.'
assert log.count(misplaced) == 1
assert log.contains('[INFO] Skipping migrate:offline-sql (migrate.skip is true)')
