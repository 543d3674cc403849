package io.fashionspark.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * A round's results, collected on the driver as Spark's {@code collect} does (in partition
 * order), except that each worker's result block ({@link BlockResult}) starts being read as soon
 * as its task's result arrives: on a cluster the first workers' blocks travel while the last one
 * still fits, as results sent with the task's status did. Spark calls the handler on its
 * scheduler's thread, which only hands the fetch to {@link BlockResult}'s pool (in local mode it
 * takes a read lock on a block of this JVM, no copy).
 *
 * @param results the workers' results in partition order
 * @param reads   the reads started, by result (identity); the caller closes what they give
 */
record RoundCollect(List<ParameterAveragingTrainingResult> results, Map<BlockResult, Future<FloatBlocks.Bytes>> reads) {
    /** The round jobs' call site, which Spark also gives their stages as their name. */
    static final String CALL_SITE = "averaging round at RoundCollect";
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final ClassTag<ArrayList<ParameterAveragingTrainingResult>> LIST =
            (ClassTag) ClassTag$.MODULE$.apply(ArrayList.class);

    /** Runs the round's job; when it fails, the reads it started are released and their blocks removed. */
    static RoundCollect of(JavaRDD<ParameterAveragingTrainingResult> rdd) {
        int n = rdd.getNumPartitions();
        List<List<ParameterAveragingTrainingResult>> parts = Collections.synchronizedList(
                new ArrayList<>(Collections.nCopies(n, List.of())));
        Map<BlockResult, Future<FloatBlocks.Bytes>> reads = Collections.synchronizedMap(new IdentityHashMap<>());
        rdd.context().setCallSite(CALL_SITE);
        boolean collected = false;
        try {
            // Throws Spark's (checked) SparkException when the job fails, undeclared.
            rdd.context().runJob(rdd.rdd(), new ToList(), new OnResult(parts, reads), LIST);
            collected = true;
        } finally {
            rdd.context().clearCallSite();
            if (!collected) {
                synchronized (reads) {
                    RoundSums.release(new ArrayList<>(reads.values()));
                    reads.keySet().forEach(BlockResult::remove);
                }
            }
        }
        List<ParameterAveragingTrainingResult> results = new ArrayList<>();
        parts.forEach(results::addAll);
        return new RoundCollect(results, reads);
    }

    /** A partition's results as a list: runs in the task, on the executor. */
    private static final class ToList extends AbstractFunction1<Iterator<ParameterAveragingTrainingResult>,
            ArrayList<ParameterAveragingTrainingResult>> implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public ArrayList<ParameterAveragingTrainingResult> apply(Iterator<ParameterAveragingTrainingResult> it) {
            ArrayList<ParameterAveragingTrainingResult> list = new ArrayList<>();
            while (it.hasNext()) {
                list.add(it.next());
            }
            return list;
        }
    }

    /** Keeps a partition's results and starts reading their blocks: on the driver, Spark's scheduler thread. */
    private static final class OnResult extends AbstractFunction2<Object, ArrayList<ParameterAveragingTrainingResult>,
            BoxedUnit> {
        private final List<List<ParameterAveragingTrainingResult>> parts;
        private final Map<BlockResult, Future<FloatBlocks.Bytes>> reads;

        OnResult(List<List<ParameterAveragingTrainingResult>> parts, Map<BlockResult, Future<FloatBlocks.Bytes>> reads) {
            this.parts = parts;
            this.reads = reads;
        }

        @Override
        public BoxedUnit apply(Object partition, ArrayList<ParameterAveragingTrainingResult> results) {
            parts.set((Integer) partition, results);
            for (ParameterAveragingTrainingResult r : results) {
                if (r instanceof BlockResult b) {
                    reads.put(b, b.read());
                }
            }
            return BoxedUnit.UNIT;
        }
    }
}
