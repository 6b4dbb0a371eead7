def log = new File(basedir, 'build.log').text
def generated = new File(basedir, 'target/generated-sources/jooq/com/acme/schema')

assert log =~ /Generated jOOQ classes in target\/generated-sources\/jooq: \d+ files/
assert new File(generated, 'tables/pojos/Events.java').text.contains('Instant createdAt')
assert !new File(basedir, 'target/generated-sources/jooq/it').exists()
assert new File(basedir, 'target/classes/it/app/Latest.class').isFile()
