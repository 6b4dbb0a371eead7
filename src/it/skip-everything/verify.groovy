def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] Skipping migrate:upgrade (migrate.skip is true)')
assert log.contains('[INFO] Skipping migrate:info (migrate.skip is true)')
assert !new File(basedir, 'target/migrate').exists()
