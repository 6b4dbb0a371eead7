def log = new File(basedir, 'build.log').text

// validate after upgrade: nothing to report
assert log =~ /\[INFO\] Validated \d+ migrations against .*it_goals: no problem/

// clean without confirmation: refused, naming the database and where to confirm; nothing dropped
assert log.contains("the database 'it_goals': nothing was cleaned")
assert log.contains('-Dmigrate.clean.confirm=<database name>')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException')

// confirmed: what was dropped, per schema; then baselined at 2, and repair finds nothing to change
assert log =~ /\[INFO\] Dropped schema inventory with 2 tables .*it_goals/
assert log.contains('at version 2 (adopted): upgrades apply only the migrations above it')
assert log.contains('--- migrate:0.1.0-SNAPSHOT:repair')

// the password, given with -D and printed nowhere, also not with -X
assert !log.contains('It-s3cret-Pa55word')
