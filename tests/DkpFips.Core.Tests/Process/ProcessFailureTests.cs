using System;
using DkpFips.Core.Process;
using Xunit;

namespace DkpFips.Core.Tests.Process
{
    public class ProcessFailureTests
    {
        private static ProcessRunResult Result(RunStatus status, int? exitCode = null, string? startError = null) =>
            new ProcessRunResult(status, exitCode, TimeSpan.FromSeconds(1), new[] { "line 1", "Error: boom" }, startError);

        [Fact]
        public void A_successful_run_is_no_failure()
        {
            Assert.Null(ProcessFailure.Describe(Result(RunStatus.Succeeded, 0), "dkp create cluster for 'a'", 60, "/tmp/a.log"));
        }

        [Fact]
        public void A_non_zero_exit_names_the_run_the_code_the_last_lines_and_the_log()
        {
            var failure = ProcessFailure.Describe(Result(RunStatus.Failed, 3), "dkp create cluster for 'a'", 60, "/tmp/a.log", "; the later steps were not run")!;

            Assert.Equal(ProcessFailureKind.Failed, failure.Kind);
            Assert.Equal("dkp create cluster for 'a' failed with exit code 3; the later steps were not run.\nLast lines of its output:\n  line 1\n  Error: boom\nFull log: /tmp/a.log", failure.Message);
            Assert.IsType<InvalidOperationException>(failure.ToException());
        }

        [Theory]
        [InlineData(RunStatus.TimedOut, ProcessFailureKind.TimedOut, "ran longer than 60 s and was stopped", typeof(TimeoutException))]
        [InlineData(RunStatus.Cancelled, ProcessFailureKind.Cancelled, "was cancelled", typeof(OperationCanceledException))]
        public void Timeouts_and_cancellations_have_their_own_kind_and_exception(RunStatus status, ProcessFailureKind kind, string words, Type exception)
        {
            var failure = ProcessFailure.Describe(Result(status), "konvoy-image build of images/ami/rhel-84.yaml", 60, null)!;

            Assert.Equal(kind, failure.Kind);
            Assert.Contains(words, failure.Message);
            Assert.DoesNotContain("Full log", failure.Message);
            Assert.IsType(exception, failure.ToException());
        }

        [Fact]
        public void A_program_that_cannot_start_says_why()
        {
            var failure = ProcessFailure.Describe(Result(RunStatus.Failed, startError: "No such file"), "dkp create cluster for 'a'", 0, "/tmp/a.log")!;

            Assert.Equal(ProcessFailureKind.StartFailed, failure.Kind);
            Assert.Equal("dkp create cluster for 'a' could not be started: No such file", failure.Message);
        }
    }
}
