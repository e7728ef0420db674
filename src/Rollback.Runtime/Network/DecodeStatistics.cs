using System;
using System.Globalization;
using System.Text;

namespace Rollback.Network
{
    /// <summary>Counts decode outcomes, so a session can report how many datagrams it dropped and why.</summary>
    public sealed class DecodeStatistics
    {
        private const int StatusCount = (int)DecodeStatus.InvalidField + 1;
        private readonly long[] _counts = new long[StatusCount];

        /// <summary>Datagrams that decoded.</summary>
        public long Accepted => _counts[(int)DecodeStatus.Ok];

        /// <summary>Datagrams dropped, for any reason.</summary>
        public long Rejected { get; private set; }

        /// <summary>The count of one outcome.</summary>
        /// <param name="status">The outcome.</param>
        /// <returns>How many times it was recorded.</returns>
        public long this[DecodeStatus status] => (uint)status < StatusCount ? _counts[(int)status] : 0;

        /// <summary>Records an outcome; returns whether it was <see cref="DecodeStatus.Ok"/>.</summary>
        /// <param name="status">The outcome.</param>
        /// <returns>Whether the datagram decoded.</returns>
        public bool Record(DecodeStatus status)
        {
            if ((uint)status < StatusCount)
            {
                _counts[(int)status]++;
            }

            if (status == DecodeStatus.Ok)
            {
                return true;
            }

            Rejected++;
            return false;
        }

        /// <summary>Sets every count to 0.</summary>
        public void Clear()
        {
            Array.Clear(_counts, 0, _counts.Length);
            Rejected = 0;
        }

        /// <summary>The non-zero counts, e.g. <c>Ok 120, BadMagic 3</c>.</summary>
        /// <returns>The text.</returns>
        public override string ToString()
        {
            var sb = new StringBuilder();
            for (int i = 0; i < StatusCount; i++)
            {
                if (_counts[i] != 0)
                {
                    if (sb.Length > 0)
                    {
                        sb.Append(", ");
                    }

                    sb.Append(((DecodeStatus)i).ToString()).Append(' ').Append(_counts[i].ToString(CultureInfo.InvariantCulture));
                }
            }

            return sb.Length == 0 ? "none" : sb.ToString();
        }
    }
}
