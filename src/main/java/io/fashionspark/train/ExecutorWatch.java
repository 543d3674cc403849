package io.fashionspark.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.SparkContext;
import org.apache.spark.Success$;
import org.apache.spark.TaskEndReason;
import org.apache.spark.TaskKilled;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Driver-side Spark listener that records which executors took part, the tasks each finished
 * (training tasks apart), the training tasks that failed on each, and the executors lost, each with the epoch it happened in. Spark
 * calls it on its listener-bus thread; the epoch loop tells it the current epoch.
 */
public final class ExecutorWatch extends SparkListener {
    /** Job group of the jobs that train (set by {@link SparkTrainer}). */
    public static final String TRAINING_GROUP_PREFIX = "fashion-spark-train-";
    private static final String DRIVER = "driver";

    private final Map<String, Executor> executors = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> trainingStages = new ConcurrentHashMap<>();
    private final List<ExecutorLoss> losses = new CopyOnWriteArrayList<>();
    private final RunObserver observer;
    private volatile int epoch = -1;

    private static final class Executor {
        final String host;
        final Integer addedEpoch;
        long tasks;
        long trainingTasks;
        long failedTrainingTasks;
        Integer removedEpoch;
        String removedReason;

        Executor(String host, Integer addedEpoch) {
            this.host = host;
            this.addedEpoch = addedEpoch;
        }
    }

    private ExecutorWatch(RunObserver observer) {
        this.observer = observer;
    }

    /**
     * Registers a watch on {@code sc}. Executors that registered before it are picked up by their
     * first finished task (Spark's status tracker does not give executor ids).
     */
    public static ExecutorWatch attach(SparkContext sc, RunObserver observer) {
        ExecutorWatch watch = new ExecutorWatch(observer);
        sc.addSparkListener(watch);
        return watch;
    }

    /** Detaches from {@code sc}. */
    public void detach(SparkContext sc) {
        sc.removeSparkListener(this);
    }

    /** The epoch now running (events are attributed to it). */
    void setEpoch(int epoch) {
        this.epoch = epoch;
    }

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded added) {
        executors.putIfAbsent(added.executorId(),
                new Executor(added.executorInfo().executorHost(), epoch < 0 ? null : epoch));
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        Executor e = executors.get(removed.executorId());
        int when = Math.max(epoch, 0);
        if (e != null) {
            synchronized (e) {
                e.removedEpoch = when;
                e.removedReason = removed.reason();
            }
        }
        ExecutorLoss loss = new ExecutorLoss(removed.executorId(), when, removed.reason());
        losses.add(loss);
        observer.executorLost(loss);
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        String group = job.properties() == null ? null : job.properties().getProperty("spark.jobGroup.id");
        if (group != null && group.startsWith(TRAINING_GROUP_PREFIX)) {
            scala.collection.Iterator<Object> stages = job.stageIds().iterator();
            while (stages.hasNext()) {
                trainingStages.put((Integer) stages.next(), Boolean.TRUE);
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskInfo() == null) {
            return;
        }
        String id = end.taskInfo().executorId();
        Executor e = executors.computeIfAbsent(id, k -> new Executor(end.taskInfo().host(), null));
        boolean training = trainingStages.containsKey(end.stageId());
        // The reason, not taskInfo().successful(): a task whose result could not be fetched from
        // an executor that died (TaskResultLost) ended "finished" there, and Spark runs it again.
        // Tasks killed because their job was cancelled are not failures of their own.
        TaskEndReason reason = end.reason();
        synchronized (e) {
            if (reason instanceof Success$) {
                e.tasks++;
                e.trainingTasks += training ? 1 : 0;
            } else if (training && !(reason instanceof TaskKilled)) {
                e.failedTrainingTasks++;
            }
        }
    }

    /** Executors lost so far, in order. */
    public List<ExecutorLoss> losses() {
        return List.copyOf(losses);
    }

    /** Losses attributed to {@code epoch}. */
    public List<String> lostDuring(int epoch) {
        return losses.stream().filter(l -> l.epoch() == epoch).map(ExecutorLoss::executorId).toList();
    }

    /**
     * Every executor that took part, with its counts; the driver only in local mode, where it is
     * the one executor.
     */
    public List<ExecutorRecord> records() {
        List<ExecutorRecord> out = new ArrayList<>();
        boolean local = executors.keySet().stream().allMatch(DRIVER::equals);
        executors.forEach((id, e) -> {
            if (local || !DRIVER.equals(id)) {
                synchronized (e) {
                    out.add(new ExecutorRecord(id, e.host, e.tasks, e.trainingTasks, e.failedTrainingTasks, e.addedEpoch,
                            e.removedEpoch,
                            e.removedReason));
                }
            }
        });
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }
}
