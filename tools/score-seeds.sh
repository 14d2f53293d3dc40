#!/bin/bash
# usage: score.sh [extra scorer args]
B=/work/main/build/claims
$B mentions --format jsonl /work/shared/seeds > /tmp/m.jsonl 2>/tmp/m.err
$B extract --format jsonl /work/shared/seeds > /tmp/c.jsonl 2>/tmp/c.err
python3 /work/shared/eval/score.py --gold /work/shared/gold/seeds.jsonl --facts /work/shared/gold/seeds.facts.jsonl --mentions /tmp/m.jsonl --claims /tmp/c.jsonl "$@"
