// Passed (the default expectation), and the rule did run.
def log = new File(basedir, 'build.log').text
assert log.contains('maven-enforcer-plugin:3.5.0:enforce (flume-lib-not-shipped)') : 'the rule did not run'
assert !log.contains('would ship') : 'nothing here is in Flume lib/'
return true
