def log = new File(basedir, 'build.log').text

assert log.contains('Credentials are given twice: in <user>/<password> and through <serverId>it-server</serverId>. Keep one')
assert !log.contains('Exception in thread')
assert !(log =~ /\tat dev\.migrate/)

// second build: the URL's password is refused, named as what it is, and printed nowhere
assert log.contains('<url> holds a password (password=...)')
assert log.contains('Remove it from the URL and give it through <serverId>')
assert !log.contains('url-secret-4711')
