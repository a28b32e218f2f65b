using System;
using System.Globalization;
using Amazon.EC2.Model;

namespace DkpFips.Core.Aws
{
    /// <summary>Copies an SDK <see cref="Image"/> into an <see cref="AmiImage"/>. SDK v4 leaves absent collections null.</summary>
    internal static class AmiImageMapper
    {
        public static AmiImage From(Image image)
        {
            var result = new AmiImage(image.ImageId)
            {
                Name = image.Name,
                Description = image.Description,
                OwnerId = image.OwnerId,
                OwnerAlias = image.ImageOwnerAlias,
                State = image.State?.Value,
                StateReason = image.StateReason?.Message,
                Architecture = image.Architecture?.Value,
                Platform = image.Platform?.Value,
                PlatformDetails = image.PlatformDetails,
                IsPublic = image.Public,
                DeprecationTime = ParseTime(image.DeprecationTime),
            };

            if (image.Tags is not null)
            {
                foreach (var tag in image.Tags)
                {
                    if (tag?.Key is not null)
                    {
                        result.Tags[tag.Key] = tag.Value ?? string.Empty;
                    }
                }
            }

            return result;
        }

        private static DateTimeOffset? ParseTime(string? text) =>
            !string.IsNullOrWhiteSpace(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
                ? value
                : (DateTimeOffset?)null;
    }
}
