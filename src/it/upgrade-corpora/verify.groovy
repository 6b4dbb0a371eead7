def log = new File(basedir, 'build.log').text

assert log =~ /Upgraded the embedded development database from empty to 74: 84 migrations in \d+ ms/
assert log =~ /47  add lineage event indexes  \[V47__add_lineage_event_indexes.sql\] \(\d+ ms\)/
assert log.contains('Current version: 74; pending migrations: 0')
assert log =~ /2  pagila data  \[V2__pagila_data.sql\] \(\d+ ms\)/
assert log =~ /Upgraded the embedded development database from empty to 2: 2 migrations in \d+ ms/
