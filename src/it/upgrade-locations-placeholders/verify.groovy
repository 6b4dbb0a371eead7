import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text

assert log =~ /Upgraded the embedded development database from empty to 2: 2 migrations in \d+ ms/
assert log =~ /Upgraded the embedded development database from 2 to 3: 1 migration in \d+ ms/
// the JSON report is one block after the [INFO] prefix of its first line
def json = log.substring(log.indexOf('[INFO] {') + 7)
json = json.substring(0, json.indexOf('\n}') + 2)
def report = new JsonSlurper().parseText(json)
assert report.currentVersion == '3'
assert report.pending == 0
assert report.migrations.findAll { it.category != "Schema" }*.script == ['V1__orders.sql', 'V2__stock.sql', 'V3__audit.sql']
assert report.migrations*.state.every { it == 'Success' }
