// The build failed (invoker.properties); here: because of the flume-lib-not-shipped rule, naming what
// would be shipped twice, and nothing else.
def log = new File(basedir, 'build.log').text
assert log.contains('maven-enforcer-plugin:3.5.0:enforce (flume-lib-not-shipped)') : 'not failed by the rule'
assert log.contains('plugin-ships-guava would ship com.google.guava:guava:jar:11.0.2:compile,') : 'guava not named'
assert log.contains('plugin-ships-guava would ship commons-io:commons-io:jar:') : 'transitive commons-io not named'
assert !log.contains('would ship com.intel.gkl') : 'gkl is not in Flume lib/'
assert !log.contains('would ship org.apache.flume') : 'provided dependencies are not shipped'
return true
