using System.Text.Json;

namespace DkpFips.Kubernetes
{
    /// <summary>The parts of a Kubernetes <c>Status</c> error body the messages use.</summary>
    internal sealed class KubernetesStatus
    {
        private KubernetesStatus(string? message, string? reason, string? detailsName)
        {
            Message = message;
            Reason = reason;
            DetailsName = detailsName;
        }

        public string? Message { get; }

        public string? Reason { get; }

        public string? DetailsName { get; }

        public static KubernetesStatus Parse(string? content)
        {
            if (string.IsNullOrWhiteSpace(content))
            {
                return new KubernetesStatus(null, null, null);
            }

            try
            {
                using var document = JsonDocument.Parse(content!);
                var root = document.RootElement;
                if (Json.String(root, "kind") != "Status")
                {
                    return new KubernetesStatus(null, null, null);
                }

                return new KubernetesStatus(Json.String(root, "message"), Json.String(root, "reason"), Json.String(root, "details", "name"));
            }
            catch (JsonException)
            {
                return new KubernetesStatus(null, null, null);
            }
        }
    }
}
