import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text

// the first build: no lock file, so every migration is linted; the index on the existing table fails it
assert log.contains('Linting 3 of 3 migrations: every migration, as there is no lock file')
assert log =~ /\[ERROR\] src\/main\/resources\/db\/migration\/V2__index_orders_total\.sql:2 index-not-concurrent \S/
// a warning is a WARNING line, and does not fail the build
assert log =~ /\[WARNING\] src\/main\/resources\/db\/migration\/V3__create_order_notes\.sql:1 prefer-jsonb \S/
assert log.contains('Lint: 1 error, 1 warning in 3 migrations (0 suppressed)')
assert log.contains('Lint found 1 error')
assert log.contains('migrate:lint-ignore <code> <why it is safe>')

def sarif = new JsonSlurper().parse(new File(basedir, 'target/migrate/lint.sarif'))
assert sarif.version == '2.1.0'
def run = sarif.runs[0]
assert run.results.size() == 2
def result = run.results[0]
assert result.ruleId == 'index-not-concurrent'
assert result.level == 'error'
assert run.tool.driver.rules[result.ruleIndex].id == 'index-not-concurrent'
assert run.tool.driver.rules[result.ruleIndex].help.text.contains('CONCURRENTLY')
def location = result.locations[0].physicalLocation
assert location.artifactLocation.uri == 'src/main/resources/db/migration/V2__index_orders_total.sql'
assert location.region.startLine == 2
assert run.results[1].ruleId == 'prefer-jsonb' && run.results[1].level == 'warning'
def json = new JsonSlurper().parse(new File(basedir, 'target/migrate/lint.json'))
assert json.errors == 1 && json.warnings == 1

// the second build: the same index with a suppression and its reason passes, and says what it suppressed
assert log.contains('Suppressed V2__index_orders_total.sql:3 index-not-concurrent: orders is rebuilt empty at each deployment')
assert log.contains('Lint: 0 errors, 1 warning in 3 migrations (1 suppressed)')
assert new JsonSlurper().parse(new File(basedir, 'target-suppressed/migrate/lint.sarif')).runs[0].results*.ruleId ==
        ['prefer-jsonb']
assert log.contains('BUILD SUCCESS')
