// Package logctx carries log attributes in a context.Context, so that every line logged with that
// context includes them, whichever package writes it: the web server puts the request id in the
// request's context, and a log call such as logger.InfoContext(ctx, "indexed", ...) deep in the
// index then carries request_id too.
//
// Wrap a logger once with Wrap (cmd/searchd does it for the process logger); Wrap is idempotent,
// so a package that needs the behaviour may call it again on an injected logger.
package logctx

import (
	"context"
	"log/slog"
)

// ctxKey is the context key of the attributes; unexported so only this package sets it.
type ctxKey struct{}

// With returns a copy of ctx whose log lines carry attrs, after the attributes ctx already has.
func With(ctx context.Context, attrs ...slog.Attr) context.Context {
	if len(attrs) == 0 {
		return ctx
	}
	prev := Attrs(ctx)
	all := make([]slog.Attr, 0, len(prev)+len(attrs))
	all = append(append(all, prev...), attrs...)
	return context.WithValue(ctx, ctxKey{}, all)
}

// Attrs returns the attributes With stored in ctx, or nil. The caller must not modify them.
func Attrs(ctx context.Context) []slog.Attr {
	if ctx == nil {
		return nil
	}
	attrs, _ := ctx.Value(ctxKey{}).([]slog.Attr)
	return attrs
}

// Wrap returns a logger whose handler adds the context's attributes to every record logged with
// a context. A logger that Wrap already returned is returned unchanged.
func Wrap(logger *slog.Logger) *slog.Logger {
	if _, ok := logger.Handler().(*handler); ok {
		return logger
	}
	return slog.New(&handler{next: logger.Handler()})
}

// handler is a slog.Handler that adds the context's attributes to each record.
type handler struct {
	next slog.Handler
}

func (h *handler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h *handler) Handle(ctx context.Context, r slog.Record) error {
	if attrs := Attrs(ctx); len(attrs) > 0 {
		r = r.Clone()
		r.AddAttrs(attrs...)
	}
	return h.next.Handle(ctx, r)
}

func (h *handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &handler{next: h.next.WithAttrs(attrs)}
}

func (h *handler) WithGroup(name string) slog.Handler {
	return &handler{next: h.next.WithGroup(name)}
}
