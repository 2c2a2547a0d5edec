-- HyperLogLog cardinality estimate of the union of distinct-count sets, with Otmar Ertl's improved estimator
-- ("New cardinality estimation algorithms for HyperLogLog sketches", 2017) — the one Redis's PFCOUNT uses.
-- Precision 14: m = 16384 registers, q = 50 remaining hash bits, register values 0..51.

CREATE FUNCTION hll_sigma(x double precision) RETURNS double precision
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  y double precision := 1;
  z double precision := x;
  z_prev double precision;
BEGIN
  IF x = 1 THEN
    RETURN 'Infinity';
  END IF;
  LOOP
    x := x * x;
    z_prev := z;
    z := z + x * y;
    y := y + y;
    EXIT WHEN z = z_prev;
  END LOOP;
  RETURN z;
END
$$;

CREATE FUNCTION hll_tau(x double precision) RETURNS double precision
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  y double precision := 1;
  z double precision := 1 - x;
  z_prev double precision;
BEGIN
  IF x = 0 OR x = 1 THEN
    RETURN 0;
  END IF;
  LOOP
    x := sqrt(x);
    z_prev := z;
    y := y * 0.5;
    z := z - (1 - x) ^ 2 * y;
    EXIT WHEN z = z_prev;
  END LOOP;
  RETURN z / 3;
END
$$;

-- Estimated number of distinct elements in the union of the named sets (unknown names count as empty).
CREATE FUNCTION distinct_estimate(names text[]) RETURNS bigint
LANGUAGE plpgsql STABLE STRICT
SET search_path FROM CURRENT
AS $$
DECLARE
  m constant double precision := 16384;
  q constant integer := 50;
  -- c[k + 1] = number of registers (of the union) whose value is k, for k = 0..q+1.
  c double precision[] := array_fill(0::double precision, ARRAY[q + 2]);
  nonzero double precision := 0;
  z double precision;
  r record;
BEGIN
  FOR r IN
    SELECT u.rho, count(*)::double precision AS n
    FROM (
      SELECT g.idx, max(g.rho) AS rho
      FROM distinct_registers g
      JOIN distinct_sets s ON s.id = g.set_id
      WHERE s.name = ANY (names)
      GROUP BY g.idx
    ) u
    GROUP BY u.rho
  LOOP
    c[r.rho + 1] := r.n;
    nonzero := nonzero + r.n;
  END LOOP;
  IF nonzero = 0 THEN
    RETURN 0;
  END IF;
  c[1] := m - nonzero;
  z := m * hll_tau((m - c[q + 2]) / m);
  FOR k IN REVERSE q..1 LOOP
    z := 0.5 * (z + c[k + 1]);
  END LOOP;
  z := z + m * hll_sigma(c[1] / m);
  RETURN round(m * m / (2 * ln(2)) / z)::bigint;
END
$$;
