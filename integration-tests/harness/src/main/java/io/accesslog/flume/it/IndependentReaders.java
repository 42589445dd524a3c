package io.accesslog.flume.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;

/**
 * The readers our users' jobs and operators use, as independent checks of what the sink wrote: the
 * {@code gzip} command line tool, and Hadoop's {@link TextInputFormat} (which, like Hive and Spark,
 * skips names starting with {@code _} or {@code .}).
 */
public final class IndependentReaders {
  private IndependentReaders() {}

  /** Lines {@code gzip -dc} reads from one HDFS file (copied to a local scratch file first). */
  public static long zcatLines(FileSystem fs, String hdfsPath, Path scratchDir) {
    try {
      Files.createDirectories(scratchDir);
      Path local = Files.createTempFile(scratchDir, "zcat-", ".gz");
      try {
        Files.delete(local);
        fs.copyToLocalFile(
            false,
            new org.apache.hadoop.fs.Path(hdfsPath),
            new org.apache.hadoop.fs.Path(local.toUri()),
            true);
        Process gzip =
            new ProcessBuilder("gzip", "-dc", local.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long lines = 0;
        try (InputStream out = gzip.getInputStream()) {
          byte[] buffer = new byte[1 << 16];
          int n;
          while ((n = out.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
              if (buffer[i] == '\n') {
                lines++;
              }
            }
          }
        }
        if (!gzip.waitFor(60, TimeUnit.SECONDS) || gzip.exitValue() != 0) {
          throw new IllegalStateException(
              "gzip -dc failed on " + hdfsPath + " (exit " + gzip.exitValue() + ")");
        }
        return lines;
      } finally {
        Files.deleteIfExists(local);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Records Hadoop's TextInputFormat reads under {@code root}, recursively, as a MapReduce job
   * would.
   */
  public static long textInputFormatLines(Configuration conf, String root) {
    try {
      Job job = Job.getInstance(new Configuration(conf));
      FileInputFormat.addInputPath(job, new org.apache.hadoop.fs.Path(root));
      FileInputFormat.setInputDirRecursive(job, true);
      TextInputFormat format = new TextInputFormat();
      List<InputSplit> splits = format.getSplits(job);
      long lines = 0;
      for (InputSplit split : splits) {
        TaskAttemptContext context =
            new TaskAttemptContextImpl(job.getConfiguration(), new TaskAttemptID());
        try (RecordReader<LongWritable, Text> reader = format.createRecordReader(split, context)) {
          reader.initialize(split, context);
          while (reader.nextKeyValue()) {
            lines++;
          }
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
