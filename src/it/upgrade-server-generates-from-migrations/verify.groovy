def log = new File(basedir, 'build.log').text

assert log =~ /Upgraded jdbc:postgresql:\/\/localhost:\d+\/it_handmade from empty to 1: 1 migration in \d+ ms/
assert log =~ /Upgraded jdbc:postgresql:\/\/localhost:\d+\/it_handmade: already up to date at version 1/
assert log =~ /Generated jOOQ classes in target\/generated-sources\/jooq: \d+ files/
assert new File(basedir, 'target/classes/it/app/Invoices.class').isFile()
// the server holds made_by_hand and handmade_history, which no migration of the project creates
def mentions = []
new File(basedir, 'target/generated-sources/jooq').eachFileRecurse { file ->
    if (file.isFile() && file.text =~ /(?i)made_by_hand|handmade_history|MadeByHand|HandmadeHistory/) {
        mentions << file.name
    }
}
assert mentions.isEmpty() : "generated from the server: ${mentions}"
assert !log.contains('It-s3cret-Pa55word')
