package logctx

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

func TestWith(t *testing.T) {
	var buf bytes.Buffer
	logger := Wrap(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	})))
	ctx := With(context.Background(), slog.String("request_id", "r1"))
	ctx = With(ctx, slog.Int("n", 2))
	tests := []struct {
		name string
		log  func()
		want string
	}{
		{"with context", func() { logger.InfoContext(ctx, "hello", "k", "v") }, "level=INFO msg=hello k=v request_id=r1 n=2\n"},
		{"without context attrs", func() { logger.InfoContext(context.Background(), "hello") }, "level=INFO msg=hello\n"},
		{"no context", func() { logger.Info("hello") }, "level=INFO msg=hello\n"},
		{"logger attrs kept", func() { logger.With("svc", "x").InfoContext(ctx, "hi") }, "level=INFO msg=hi svc=x request_id=r1 n=2\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			buf.Reset()
			tt.log()
			if got := buf.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWrapIdempotent(t *testing.T) {
	var buf bytes.Buffer
	logger := Wrap(Wrap(slog.New(slog.NewTextHandler(&buf, nil))))
	logger.InfoContext(With(context.Background(), slog.String("request_id", "r1")), "once")
	if n := strings.Count(buf.String(), "request_id"); n != 1 {
		t.Errorf("got request_id %d times in %q, want once", n, buf.String())
	}
}

func TestAttrsDoNotLeak(t *testing.T) {
	parent := With(context.Background(), slog.String("a", "1"))
	a := With(parent, slog.String("b", "2"))
	b := With(parent, slog.String("c", "3"))
	if got := len(Attrs(a)) + len(Attrs(b)) + len(Attrs(parent)); got != 5 {
		t.Errorf("got %d attributes over a, b and parent, want 5", got)
	}
	if v := Attrs(a)[1].Value.String(); v != "2" {
		t.Errorf("got %q, want 2: a sibling context changed a's attributes", v)
	}
	if Attrs(context.Background()) != nil || With(parent) != parent {
		t.Errorf("empty cases: want nil attributes and the same context")
	}
}
