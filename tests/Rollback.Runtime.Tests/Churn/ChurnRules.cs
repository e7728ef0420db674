using System;

namespace Rollback.Runtime.Tests.Churn
{
    /// <summary>
    /// Spawns mobs every few frames (rented from <see cref="RollbackPool{T}"/>), ages them, and despawns them
    /// (returned to the pool) when their hit points run out; a boss and slot occupants come and go too.
    /// Deterministic: everything it reads is in the state or the inputs.
    /// </summary>
    public sealed class ChurnRules : ISimulation<ChurnWorld, ChurnInput>
    {
        public bool UsePool { get; set; } = true;

        public int MaxSteps { get; set; } = 200;

        public int MaxMobs { get; set; } = 24;

        public void Step(ChurnWorld s, ReadOnlySpan<ChurnInput> inputs)
        {
            int steer = 0;
            for (int p = 0; p < inputs.Length; p++)
            {
                steer += inputs[p].Value;
            }

            if ((s.Frame + steer) % 3 == 0 || s.Rng.NextInt(4) == 0)
            {
                int count = 1 + s.Rng.NextInt(3);
                for (int i = 0; i < count && s.Mobs.Count < MaxMobs; i++)
                {
                    s.Mobs.Add(Spawn(s, 2 + s.Rng.NextInt(6)));
                }
            }

            for (int i = s.Mobs.Count - 1; i >= 0; i--)
            {
                Mob m = s.Mobs[i];
                m.Hp -= 1 + ((steer + i) & 1);
                m.X += Fixed64.FromRatio(m.Id % 5, 4);
                m.Trail.Add(m.Hp);
                if (m.Trail.Count > 4)
                {
                    m.Trail.RemoveAt(0);
                }

                s.Sum += m.Hp + m.X.RawValue;
                if (m.Hp <= 0)
                {
                    s.Mobs.RemoveAt(i);
                    Despawn(s, m);
                }
            }

            if (s.Boss is null)
            {
                if (s.Rng.NextInt(5) == 0)
                {
                    s.Boss = Spawn(s, 10);
                    s.Boss.Target = Spawn(s, 1);
                }
            }
            else if (--s.Boss.Hp <= 0 || steer % 7 == 3)
            {
                Mob boss = s.Boss;
                s.Boss = null;
                if (boss.Target is not null)
                {
                    Mob target = boss.Target;
                    boss.Target = null;
                    Despawn(s, target);
                }

                Despawn(s, boss);
            }

            int slot = s.Rng.NextInt(s.Slots.Length);
            Mob? occupant = s.Slots[slot];
            if (occupant is null)
            {
                s.Slots[slot] = Spawn(s, 3);
            }
            else
            {
                s.Slots[slot] = null;
                Despawn(s, occupant);
            }

            s.Banner = ChurnWorld.Banners[(s.Mobs.Count + (s.Boss is null ? 0 : 2)) % ChurnWorld.Banners.Length];
        }

        public bool IsEpisodeOver(ChurnWorld s) => s.StepNum >= MaxSteps;

        public void ResetEpisode(ChurnWorld s)
        {
            for (int i = 0; i < s.Mobs.Count; i++)
            {
                Despawn(s, s.Mobs[i]);
            }

            s.Mobs.Clear();
        }

        private Mob Spawn(ChurnWorld s, int hp)
        {
            Mob m = UsePool ? RollbackPool<Mob>.Rent() : new Mob();
            m.Id = s.NextId++;
            m.Hp = hp;
            m.X = Fixed64.FromInt(s.Rng.NextInt(100));
            m.Y = Fixed64.FromInt(m.Id & 15);
            m.Kind = m.Id % 2 == 0 ? "runner" : "tank";
            s.Spawned++;
            return m;
        }

        private void Despawn(ChurnWorld s, Mob m)
        {
            s.Despawned++;
            if (UsePool)
            {
                if (m.Target is not null)
                {
                    // The target is owned by the mob: it goes back with it.
                    Mob target = m.Target;
                    m.Target = null;
                    RollbackPool<Mob>.Return(target);
                }

                RollbackPool<Mob>.Return(m);
            }
        }
    }
}
