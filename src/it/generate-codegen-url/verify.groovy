def log = new File(basedir, 'build.log').text

assert log =~ /Created the throwaway database migrate_codegen_[0-9a-f]{8}_[0-9a-f]{8} on jdbc:postgresql:\/\/localhost:\d+\/postgres/
assert log =~ /Generated jOOQ classes in target\/generated-sources\/jooq: \d+ files/
assert !log.contains('throwaway embedded database')
assert new File(basedir, 'target/classes/it/app/Invoices.class').isFile()
// -X shows every parameter and Flyway's and jOOQ's debug output, never the decrypted password
assert log.contains('[DEBUG]')
assert !log.contains('It-s3cret-Pa55word')
