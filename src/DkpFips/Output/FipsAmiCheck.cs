using DkpFips.Core.Aws;

namespace DkpFips
{
    /// <summary>One check of an AMI, as Test-FipsAmi reports it.</summary>
    public sealed class FipsAmiCheck
    {
        internal FipsAmiCheck(AmiCheck check)
        {
            Name = check.Name;
            Status = check.Status.ToString();
            Message = check.Message;
        }

        /// <summary>Exists, State, Architecture, OperatingSystem, FipsBuild, ExpectedBuild, Deprecation or Ownership.</summary>
        public string Name { get; }

        /// <summary>Passed, Failed, Warning or Skipped.</summary>
        public string Status { get; }

        public string Message { get; }

        public override string ToString() => $"{Name}: {Status} - {Message}";
    }
}
