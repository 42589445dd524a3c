package io.accesslog.flume.probe;

import java.io.IOException;
import java.util.EnumSet;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Options.ChecksumOpt;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.util.Progressable;

/**
 * The HDFS client with every output stream counted. Set {@code fs.hdfs.impl} to this class in the
 * agent's {@code hdfs-site.xml} and {@code -Daccesslog.hdfsProbe.out=<file>} on its JVM; the counts
 * go to that file ({@link ProbeCounts}). Every public {@code create}/{@code append} of {@code
 * FileSystem} ends in one of the two overloads below (the others delegate to them), so each stream
 * is wrapped once.
 */
public class ProbedFileSystem extends DistributedFileSystem {

  @Override
  public FSDataOutputStream create(
      Path f,
      FsPermission permission,
      EnumSet<CreateFlag> flags,
      int bufferSize,
      short replication,
      long blockSize,
      Progressable progress,
      ChecksumOpt checksumOpt)
      throws IOException {
    FSDataOutputStream out =
        super.create(
            f, permission, flags, bufferSize, replication, blockSize, progress, checksumOpt);
    return CountingOutputStream.wrap(out, ProbeCounts.INSTANCE, false);
  }

  @Override
  public FSDataOutputStream append(
      Path f, EnumSet<CreateFlag> flag, int bufferSize, Progressable progress) throws IOException {
    return CountingOutputStream.wrap(
        super.append(f, flag, bufferSize, progress), ProbeCounts.INSTANCE, true);
  }
}
