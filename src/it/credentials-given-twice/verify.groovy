def log = new File(basedir, 'build.log').text

assert log.contains('Credentials are given twice: in <user>/<password> and through <serverId>it-server</serverId>. Keep one')
assert !log.contains('Exception in thread')
assert !(log =~ /\tat dev\.migrate/)
