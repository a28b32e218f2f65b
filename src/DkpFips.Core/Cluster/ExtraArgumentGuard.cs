using System.Collections.Generic;
using DkpFips.Core.Errors;
using DkpFips.Core.Process;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// Extra dkp arguments pass through, except those that would override or repeat a FIPS flag
    /// or a flag a parameter owns: written as --flag=value, --flag value, with a single dash, or
    /// as dkp's one-letter shorthand (-n for --namespace). An argument with a control character
    /// (the OS cuts at NUL) and "--" (after which dkp reads no flags, so nothing can be checked)
    /// are refused too. Nothing is rewritten: a refused argument is an error, never dropped.
    /// </summary>
    public static class ExtraArgumentGuard
    {
        public static void Validate(IReadOnlyList<string> arguments)
        {
            for (var i = 0; i < arguments.Count; i++)
            {
                var argument = arguments[i];
                if (argument is null)
                {
                    throw new ClusterPlanException(ErrorKind.InvalidArgument, $"Extra argument {i + 1} is null.", null);
                }

                // Shown masked: a refused argument may be a secret flag.
                var shown = SecretArguments.MaskArgument(CommandLineText.Visible(argument));
                var control = CommandLineText.Problem(argument);
                if (control is not null)
                {
                    throw new ClusterPlanException(
                        ErrorKind.InvalidArgument,
                        $"The extra argument {i + 1} '{shown}' is refused: {control}. The operating system would cut or change it, so dkp would not receive what was checked.",
                        shown,
                        "Remove the control character from the argument.");
                }

                if (argument == "--")
                {
                    throw new ClusterPlanException(
                        ErrorKind.InvalidArgument,
                        "The extra argument '--' is refused: dkp create cluster takes no positional arguments, and what follows '--' could not be checked against the FIPS flags.",
                        argument,
                        "Remove '--' and pass the flags themselves.");
                }

                var name = DkpFlags.NameOf(argument);
                if (name is null)
                {
                    continue;
                }

                if (DkpFlags.IsFips(name))
                {
                    throw new ClusterPlanException(
                        ErrorKind.FipsFlagOverride,
                        $"The extra argument '{shown}' would override the FIPS flag {name}. New-DkpFipsCluster always sets {string.Join(", ", DkpFlags.Fips)} from the FIPS build.",
                        shown,
                        "Choose the build with -KubernetesVersion or -FipsBuild, the etcd version with -EtcdVersion, and a mirror with -ImageRepository.");
                }

                var owned = DkpFlags.Owned.ContainsKey(name) ? name : DkpFlags.ShorthandOf(argument);
                if (owned is not null)
                {
                    var parameter = DkpFlags.Owned[owned];
                    var spelling = owned == name ? string.Empty : $" (dkp's short form of {owned})";
                    throw new ClusterPlanException(
                        ErrorKind.ReservedArgument,
                        $"The extra argument '{shown}'{spelling} sets {owned}, which New-DkpFipsCluster sets from {parameter}: use {parameter} instead.",
                        shown);
                }
            }
        }
    }
}
