def log = new File(basedir, 'build.log').text
def migrations = new File(basedir, 'src/main/resources/db/migration')

// new -Dmigrate.new.undo: the next version and its undo script, which check reads and proves with the others
assert new File(migrations, 'V3__add_stock.sql').isFile()
assert new File(migrations, 'U3__add_stock.sql').isFile()
assert log.contains('Checked the round trip of 3 undo scripts')
assert log.contains('migrate:check: 0 errors, 0 warnings')

// an undo script that forgets its column: one error naming the U file and the column, the build fails
assert log =~ /\[ERROR\] ERROR \[undo-round-trip\] src\/leaky\/U4__add_nickname\.sql: .*added column public\.users\.nickname/
assert log.contains('Checked the round trip of 4 undo scripts')
assert log.contains('migrate:check found 1 error')
assert new File(basedir, 'target/migrate/check.sarif').text.contains('"ruleId" : "undo-round-trip"')

// -Dmigrate.check.undo=false: no round trip, no server, the leaky undo script is not looked at
assert log.count('Checked the round trip of') == 2
assert log.count('migrate:check: 0 errors, 0 warnings') == 2
