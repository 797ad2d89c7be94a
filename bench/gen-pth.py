"""A PyTorch checkpoint of a given size, written by torch.save (zip layout: data.pkl and one stored
entry per storage), for `npm run bench`. The same 64 layers whatever the size, so a 1 MB and a 1 GB
file have the same data.pkl and differ only in how big their storages are.
Run: /usr/bin/python3 bench/gen-pth.py OUT.pth TOTAL_BYTES
"""
import sys

import torch

out, total = sys.argv[1], int(sys.argv[2])
LAYERS = 64
# float32 weights of LAYERS x (rows x 1024); biases stay small.
rows = max(1, round(total / (LAYERS * 1024 * 4)))
state = {}
for i in range(LAYERS):
    state[f"layers.{i}.weight"] = torch.zeros(rows, 1024, dtype=torch.float32)
    state[f"layers.{i}.bias"] = torch.zeros(rows, dtype=torch.float32)
torch.save(state, out)
