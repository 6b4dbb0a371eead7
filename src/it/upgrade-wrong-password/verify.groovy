def log = new File(basedir, 'build.log').text

assert log =~ /Cannot log in to jdbc:postgresql:\/\/localhost:\d+\/it_redaction: .*password authentication failed for user "migrate_it"/
assert log.contains('Check the user name and password')
assert !log.contains('Wr0ng-Secret-Value')
