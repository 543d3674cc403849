package io.fashionspark.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.storage.BlockUpdatedInfo;
import org.apache.spark.storage.TaskResultBlockId;

/**
 * Splits each averaging round (one Spark job whose stage is the parameter-averaging collect) into
 * where its time goes, from Spark's listener events on the driver:
 * <ul>
 *   <li>{@code driver}: from the previous round's end to this round's job start (averaging the
 *       results, the next broadcast, job submission);</li>
 *   <li>{@code scheduling}: job start to the first task's launch;</li>
 *   <li>{@code task_fast}, {@code task_slow}: the shortest and longest task (launch to finish:
 *       deserialising the task, fitting, serialising the result);</li>
 *   <li>{@code results}: the last task's finish to the job's end (fetching and deserialising
 *       the results).</li>
 * </ul>
 * and counts the bytes of the round's task results, which all come to the driver: Spark's
 * {@code resultSize} task metric and the sizes of the result blocks the tasks put, as the block
 * manager reports them (the parameters and Adam state of every worker, see the trainer's
 * {@code BlockResult}).
 * Rounds whose jobs follow another round without anything else in between count; the first round of
 * an epoch has no driver part. Listener calls arrive on Spark's listener bus thread.
 */
public final class RoundTimer extends SparkListener {
    /** Part of the round jobs' call site (the trainer's {@code RoundCollect}), which names their stage. */
    static final String ROUND_STAGE = "RoundCollect";

    /**
     * One round's parts, in milliseconds (driver is NaN for an epoch's first round), its tasks and
     * the bytes of their results.
     */
    public record Round(double driver, double scheduling, double taskFast, double taskSlow, double results, int tasks,
                        long resultBytes) {
    }

    private final Map<Integer, Long> starts = new HashMap<>();
    private final Map<Integer, long[]> tasks = new HashMap<>();
    private final Map<Integer, Integer> stageToJob = new HashMap<>();
    private final List<Round> rounds = new ArrayList<>();
    /** Result block bytes by task id, until the task's end. */
    private final Map<Long, Long> resultBlockBytes = new HashMap<>();
    private long lastRoundEnd = -1;
    private boolean otherJobSinceLastRound = true;

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        boolean round = false;
        for (StageInfo s : scala.collection.JavaConverters.seqAsJavaList(start.stageInfos())) {
            if (s.name().contains(ROUND_STAGE)) {
                round = true;
            }
            stageToJob.put(s.stageId(), start.jobId());
        }
        if (round) {
            starts.put(start.jobId(), start.time());
            // launch min, finish max, shortest, longest task, tasks, result bytes
            tasks.put(start.jobId(), new long[] {Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 0, 0});
        } else {
            otherJobSinceLastRound = true;
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        Integer job = stageToJob.get(end.stageId());
        long[] t = job == null ? null : tasks.get(job);
        if (t == null) {
            return;
        }
        long launch = end.taskInfo().launchTime();
        long finish = end.taskInfo().finishTime();
        t[0] = Math.min(t[0], launch);
        t[1] = Math.max(t[1], finish);
        t[2] = Math.min(t[2], finish - launch);
        t[3] = Math.max(t[3], finish - launch);
        t[4]++;
        Long blockBytes = resultBlockBytes.remove(end.taskInfo().taskId());
        t[5] += (end.taskMetrics() == null ? 0 : end.taskMetrics().resultSize()) + (blockBytes == null ? 0 : blockBytes);
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd end) {
        Long start = starts.remove(end.jobId());
        long[] t = tasks.remove(end.jobId());
        if (start == null || t == null || t[0] == Long.MAX_VALUE) {
            return;
        }
        double driver = otherJobSinceLastRound || lastRoundEnd < 0 ? Double.NaN : start - lastRoundEnd;
        rounds.add(new Round(driver, t[0] - start, t[2], t[3], end.time() - t[1], (int) t[4], t[5]));
        lastRoundEnd = end.time();
        otherJobSinceLastRound = false;
    }

    /** A task's result block as the block manager reports it, before the task's end (not its removal). */
    @Override
    public synchronized void onBlockUpdated(SparkListenerBlockUpdated event) {
        BlockUpdatedInfo info = event.blockUpdatedInfo();
        if (info.blockId() instanceof TaskResultBlockId id && info.storageLevel().isValid()) {
            resultBlockBytes.merge(id.taskId(), info.memSize() + info.diskSize(), Long::sum);
        }
    }

    /** The rounds seen so far, in order. */
    public synchronized List<Round> rounds() {
        return List.copyOf(rounds);
    }
}
