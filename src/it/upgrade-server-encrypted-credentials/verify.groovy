def log = new File(basedir, 'build.log').text

assert log =~ /Upgraded jdbc:postgresql:\/\/localhost:\d+\/it_credentials from empty to 2: 2 migrations in \d+ ms/
assert log.contains('Current version: 2; pending migrations: 0')
assert !log.contains('embedded development database')
// -X shows the debug log of Maven, Flyway and the plugin, but never the password
assert log.contains('[DEBUG]')
assert !log.contains('It-s3cret-Pa55word')
