def log = new File(basedir, 'build.log').text
def migrations = new File(basedir, 'src/main/resources/db/migration')
def update = 'mvn migrate:check -Dmigrate.check.update=true rewrites the lock file.'

// the lock file's header names the goal that rewrites it
assert new File(migrations, 'migrations.lock').readLines().contains('# ' + update)
// the new migration's header names the goal that creates the next one
assert new File(migrations, 'V2__add_stock.sql').text.contains(
        '-- new migration. mvn migrate:new -Dmigrate.name="<what it does>" creates a migration with the next free version.')
// the finding's next step, in the log and in the JSON report, ends with the rendered action
assert log.contains('[WARNING] WARNING [not-locked] src/main/resources/db/migration/V2__add_stock.sql: ')
assert log.contains('conflicts there. ' + update)
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/migrate/check.json'))
assert json.findings*.nextStep == ['When it is final, record it in the lock file in the same change, so that a second'
        + ' branch adding the same version conflicts there. ' + update]
// a mistake's advice names the parameter of migrate:new, rendered by the Maven layer
assert log.contains('A repeatable migration has no undo migration')
assert log.contains('Set it in <undo> or with -Dmigrate.new.undo=false.')
assert !new File(migrations, 'R__views.sql').exists()
