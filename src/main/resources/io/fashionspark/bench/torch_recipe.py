#!/usr/bin/env python3
"""The recipe, re-expressed in PyTorch: the reference of the bench's pytorch case.

MLP 784-512-256-128-64-32-10 (ReLU, dropout 0.2 after the first two hidden layers),
softmax cross-entropy + 1e-4 * sum(w^2)/2 over weight matrices, Adam with
lr_e = lr0*(E-e)/E, a fresh random 50k/10k split of the 60k training images each
epoch, batch 128, then test accuracy on the 10k test images.
"""
import argparse, gzip, json, struct, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def idx(path):
    with gzip.open(path) as f:
        data = f.read()
    magic = struct.unpack('>I', data[:4])[0]
    if magic == 2051:
        n, r, c = struct.unpack('>III', data[4:16])
        return np.frombuffer(data, np.uint8, offset=16).reshape(n, r * c)
    n = struct.unpack('>I', data[4:8])[0]
    return np.frombuffer(data, np.uint8, offset=8)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--data', required=True)
    p.add_argument('--device', default='cpu')
    p.add_argument('--threads', type=int, default=0)
    p.add_argument('--epochs', type=int, default=20)
    p.add_argument('--lr', type=float, default=0.01)
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--batch', type=int, default=128)
    a = p.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    dev = torch.device(a.device)
    x = torch.tensor(idx(f'{a.data}/train-images-idx3-ubyte.gz'), dtype=torch.float32, device=dev) * (2 / 255.0) - 1
    y = torch.tensor(idx(f'{a.data}/train-labels-idx1-ubyte.gz').astype(np.int64), device=dev)
    xt = torch.tensor(idx(f'{a.data}/t10k-images-idx3-ubyte.gz'), dtype=torch.float32, device=dev) * (2 / 255.0) - 1
    yt = torch.tensor(idx(f'{a.data}/t10k-labels-idx1-ubyte.gz').astype(np.int64), device=dev)
    sizes = [784, 512, 256, 128, 64, 32, 10]
    layers = []
    for i in range(6):
        lin = nn.Linear(sizes[i], sizes[i + 1])
        nn.init.xavier_uniform_(lin.weight); nn.init.zeros_(lin.bias)
        layers.append(lin)
        if i < 5:
            layers.append(nn.ReLU())
        if i < 2:
            layers.append(nn.Dropout(0.2))
    net = nn.Sequential(*layers).to(dev)
    weights = [m.weight for m in net if isinstance(m, nn.Linear)]
    opt = torch.optim.Adam(net.parameters(), lr=a.lr, eps=1e-7)

    def accuracy(xs, ys):
        net.eval()
        with torch.no_grad():
            correct = sum((net(xs[i:i + 1024]).argmax(1) == ys[i:i + 1024]).sum().item() for i in range(0, len(xs), 1024))
        net.train()
        return correct / len(xs)

    if dev.type == 'cuda':
        torch.cuda.synchronize()
    t0 = time.perf_counter()
    for e in range(a.epochs):
        te = time.perf_counter()
        for g in opt.param_groups:
            g['lr'] = a.lr * (a.epochs - e) / a.epochs
        n = len(x); nv = n // 6; nt = n - nv
        perm = torch.tensor(rng.permutation(n), device=dev)
        tr, va = perm[:nt], perm[nt:]
        order = tr[torch.tensor(rng.permutation(nt), device=dev)]
        losses = []
        for i in range(0, nt, a.batch):
            b = order[i:i + a.batch]
            out = net(x[b])
            loss = F.cross_entropy(out, y[b]) + 1e-4 * sum((w * w).sum() / 2 for w in weights)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            losses.append(loss.detach())
        val = accuracy(x[va], y[va])
        if dev.type == 'cuda':
            torch.cuda.synchronize()
        print(json.dumps({'epoch': e, 'loss': round(torch.stack(losses).mean().item(), 4), 'val_acc': round(val, 4),
                          'epoch_s': round(time.perf_counter() - te, 3)}), flush=True)
    train_s = time.perf_counter() - t0
    test = accuracy(xt, yt)
    print(json.dumps({'test_acc': test, 'train_s': round(train_s, 2), 'device': str(dev), 'threads': torch.get_num_threads(),
                      'torch': torch.__version__, 'seed': a.seed, 'lr': a.lr, 'epochs': a.epochs}), flush=True)


if __name__ == '__main__':
    main()
