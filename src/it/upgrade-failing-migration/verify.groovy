def log = new File(basedir, 'build.log').text

assert log =~ /\[ERROR\] Failed to execute goal .*upgrade.* Migration V2__add_price.sql failed at line 5 \(SQLSTATE 42601\): ERROR: syntax error at or near "CREAT"/
assert log.contains('Its changes were rolled back: the embedded development database stays at the last good version. Fix the script and run the goal again.')
assert log =~ /1  create products  \[V1__create_products.sql\] \(\d+ ms\)/
assert !(log =~ /\tat dev\.migrate/)
// the message is the whole report: Flyway's raw block is not appended by Maven as a cause's message
assert !log.contains('Run Flyway with -X option')
