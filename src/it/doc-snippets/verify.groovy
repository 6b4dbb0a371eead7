def log = new File(basedir, 'build.log').text
def modules = new File(basedir, 'modules.txt').readLines()

// each snippet's project built; each that generates compiled a class against the jOOQ classes
modules.each { module ->
    assert log.contains("Building ${module} 2.3.0") : module
    def generates = new File(basedir, "${module}/src/main/java").exists()
    assert !generates || new File(basedir, "${module}/target/classes/snippets/UsesGeneratedClasses.class").isFile() : module
}
// every parameter a snippet configures exists
assert !(log =~ /Parameter '\w+' is unknown for plugin/)
// the release profile of docs/offline-sql.md: one script per range, under the names the page gives
def release = modules.find { it.startsWith('offline-sql-') }
assert new File(basedir, "${release}/target/migrate/${release}-2.3.0-upgrade-empty-42.sql").isFile()
assert new File(basedir, "${release}/target/migrate/${release}-2.3.0-upgrade-41-42.sql").isFile()
assert log.contains("(attached as ${release}:sql:upgrade-empty-42)")
assert log.contains("(attached as ${release}:sql:upgrade-41-42)")
