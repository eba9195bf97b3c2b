package detail

import (
	"math/rand/v2"
	"testing"
)

// naiveFind is what heights.find must agree with.
func naiveFind(h []int, y int) int {
	sum := 0
	for i, v := range h {
		if sum+v > y {
			return i
		}
		sum += v
	}
	return max(len(h)-1, 0)
}

func TestHeightsAgreeWithPrefixSums(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var tr heights
	var naive []int
	tr.reset(nil)
	for step := 0; step < 3000; step++ {
		switch op := rng.IntN(10); {
		case op < 4:
			v := rng.IntN(6) // zero heights happen (a collapsed nothing)
			tr.push(v)
			naive = append(naive, v)
		case op < 8 && len(naive) > 0:
			i, v := rng.IntN(len(naive)), rng.IntN(40)
			tr.set(i, v)
			naive[i] = v
		case op == 8 && len(naive) > 0:
			n := rng.IntN(len(naive))
			tr.truncate(n)
			naive = naive[:n]
		default:
			fresh := make([]int, rng.IntN(50))
			for i := range fresh {
				fresh[i] = rng.IntN(9)
			}
			tr.reset(append([]int(nil), fresh...))
			naive = fresh
		}
		sum := 0
		for i := 0; i <= len(naive); i++ {
			if got := tr.offset(i); got != sum {
				t.Fatalf("step %d: offset(%d) = %d, want %d", step, i, got, sum)
			}
			if i < len(naive) {
				sum += naive[i]
			}
		}
		for y := 0; y < sum+3; y++ {
			if got, want := tr.find(y), naiveFind(naive, y); got != want {
				t.Fatalf("step %d: find(%d) = %d, want %d (heights %v)", step, y, got, want, naive)
			}
		}
	}
}
